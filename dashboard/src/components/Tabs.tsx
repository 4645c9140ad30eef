import { NavLink } from 'react-router';

export interface TabLink {
  to: string;
  label: string;
  end?: boolean;
}

/** Section navigation rendered as links (each tab is a real URL, so back/forward and new tabs work). */
export function TabLinks({ tabs, label }: { tabs: TabLink[]; label: string }) {
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to} end={tab.end ?? false} className="tabs__link">
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
