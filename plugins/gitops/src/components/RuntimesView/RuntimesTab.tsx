import { Route, Routes } from 'react-router-dom';
import { RuntimePage } from '../RuntimePage';
import { RuntimesView } from './RuntimesView';

/** The Runtimes tab: the table at `runtimes`, one runtime at `runtimes/:name`. */
export function RuntimesTab() {
  return (
    <Routes>
      <Route path="/" element={<RuntimesView />} />
      <Route path=":name" element={<RuntimePage />} />
    </Routes>
  );
}
