import { Route, Routes } from 'react-router-dom';
import { ReleasePage } from './ReleasePage';
import { ReleasesView } from './ReleasesView';

/** The Releases tab: the list at `releases`, one release at `releases/:id`. */
export function ReleasesTab() {
  return (
    <Routes>
      <Route path="/" element={<ReleasesView />} />
      <Route path=":id" element={<ReleasePage />} />
    </Routes>
  );
}
