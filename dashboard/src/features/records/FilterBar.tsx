import { useState, type FormEvent } from 'react';
import type { RecordQuery } from '../../api/console';
import { OPERATORS, conditionValue, whereTextProblem, withCondition, type Condition, type Operator } from './where-builder';

interface FilterBarProps {
  applied: RecordQuery;
  onApply: (query: RecordQuery) => void;
}

/**
 * The data browser's filter: conditions built from a field, an operator and a value, or the
 * `where` JSON written by hand, and a sort. The server checks the filter; its message shows above the table.
 */
export function FilterBar({ applied, onApply }: FilterBarProps) {
  const [field, setField] = useState('data.');
  const [op, setOp] = useState<Operator>('$eq');
  const [value, setValue] = useState('');
  const [text, setText] = useState(applied.where);
  const [sortField, setSortField] = useState(applied.sort.replace(/^-/, '') || 'createdAt');
  const [descending, setDescending] = useState(applied.sort.startsWith('-'));
  const problem = whereTextProblem(text);

  const addCondition = (event: FormEvent) => {
    event.preventDefault();
    const current = problem || !text.trim() ? {} : (JSON.parse(text) as Record<string, unknown>);
    const condition: Condition = { field: field.trim(), op, value: conditionValue(op, value) };
    setText(JSON.stringify(withCondition(current, condition)));
  };
  const apply = () => {
    if (problem) return;
    const sort = `${descending ? '-' : ''}${sortField.trim() || 'createdAt'}`;
    onApply({ where: text.trim() ? JSON.stringify(JSON.parse(text)) : '', sort: sort === 'createdAt' ? '' : sort });
  };
  const clear = () => {
    setText('');
    setSortField('createdAt');
    setDescending(false);
    onApply({ where: '', sort: '' });
  };

  return (
    <div className="filter-bar stack" data-testid="filter-bar">
      <form className="toolbar" onSubmit={addCondition} aria-label="Add a condition">
        <input className="input input--mono" aria-label="Field" value={field} onChange={(e) => setField(e.target.value)} placeholder="data.age" />
        <select className="input input--narrow" aria-label="Operator" value={op} onChange={(e) => setOp(e.target.value as Operator)}>
          {OPERATORS.map((o) => (
            <option key={o.op} value={o.op}>
              {o.label}
            </option>
          ))}
        </select>
        <input className="input input--mono" aria-label="Value" value={value} onChange={(e) => setValue(e.target.value)} placeholder={op === '$exists' ? 'true' : '18'} />
        <button type="submit" className="btn btn--small">
          Add condition
        </button>
      </form>
      <label className="field">
        <span className="field__label">where (JSON)</span>
        <textarea
          className="input input--mono"
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder='{"data.age": {"$gte": 18}}'
          aria-invalid={problem ? true : undefined}
        />
        {problem ? <span className="field__error">{problem}</span> : <span className="field__hint">MongoDB-style: $eq $ne $gt $gte $lt $lte $in $nin $exists $startsWith $contains $icontains $size $not $and $or $nor.</span>}
      </label>
      <div className="toolbar">
        <label className="toolbar__label">
          Sort by
          <input className="input input--mono" value={sortField} onChange={(e) => setSortField(e.target.value)} placeholder="createdAt or data.age" />
        </label>
        <label className="toolbar__label">
          <input type="checkbox" checked={descending} onChange={(e) => setDescending(e.target.checked)} /> Descending
        </label>
        <button type="button" className="btn btn--primary btn--small" onClick={apply} disabled={Boolean(problem)}>
          Apply
        </button>
        <button type="button" className="btn btn--small" onClick={clear}>
          Clear
        </button>
      </div>
    </div>
  );
}
