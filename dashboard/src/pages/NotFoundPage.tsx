import { Link } from 'react-router';
import { useDocumentTitle } from '../lib/use-document-title';

export function NotFoundPage() {
  useDocumentTitle('Not found');
  return (
    <main className="page-center" id="main">
      <div className="empty">
        <h1 className="empty__title">Page not found</h1>
        <p className="empty__body">
          There is nothing at this address. <Link to="/projects">Go to your projects</Link>.
        </p>
      </div>
    </main>
  );
}
