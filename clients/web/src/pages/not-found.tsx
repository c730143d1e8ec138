import { Link } from 'react-router';
import { Page } from '../components/page';

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>
        There is no page at this address. Check the address, or start again from <Link to="/">the home page</Link>.
      </p>
    </Page>
  );
}
