import { useLocation } from 'react-router-dom';

/** Shows the current URL query so tests can check what a shared link would hold. */
export function LocationDisplay() {
  const location = useLocation();
  return <div data-testid="location-search">{location.search}</div>;
}
