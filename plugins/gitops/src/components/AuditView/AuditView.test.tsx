import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeGitopsApi } from '../../__testUtils__/FakeGitopsApi';
import { LocationDisplay } from '../../__testUtils__/LocationDisplay';
import {
  alicePromotion,
  auditEvents,
  bobDenied,
  engineEvents,
  forgedCommit,
  outsideCommit,
} from './__testUtils__/auditEvents';
import { renderAudit } from './__testUtils__/renderAudit';
import { signalsApi } from '../../__testUtils__/signalsApi';
import { AuditView } from './AuditView';

const page = (
  <>
    <AuditView />
    <LocationDisplay />
  </>
);

const rows = () => screen.queryAllByTestId('audit-row');
const rowOf = (id: string) =>
  rows().find(r => r.getAttribute('data-event-id') === id)!;
const location = () => screen.getByTestId('location-search');

/** Stands in for the browser's IntersectionObserver so a test can scroll the sentinel into view. */
class FakeIntersectionObserver {
  static instances: FakeIntersectionObserver[] = [];
  private elements: Element[] = [];
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.instances.push(this);
  }
  observe(element: Element) {
    this.elements.push(element);
  }
  disconnect() {
    this.elements = [];
    FakeIntersectionObserver.instances =
      FakeIntersectionObserver.instances.filter(o => o !== this);
  }
  unobserve() {}
  takeRecords() {
    return [];
  }
  /** Reports every observed element as visible. */
  static scrollIntoView() {
    for (const observer of [...FakeIntersectionObserver.instances]) {
      observer.callback(
        observer.elements.map(
          target =>
            ({ target, isIntersecting: true } as IntersectionObserverEntry),
        ),
        observer as unknown as IntersectionObserver,
      );
    }
  }
}

describe('AuditView', () => {
  afterEach(() => {
    delete (window as any).IntersectionObserver;
    FakeIntersectionObserver.instances = [];
  });

  it('shows new events in place when the backend signals them, keeping what was loaded', async () => {
    const api = new FakeGitopsApi({ auditEvents: [...auditEvents] });
    const signals = signalsApi();
    await renderAudit(page, { api, signals });
    await screen.findByRole('table', { name: 'Audit events' });
    const before = rows().length;
    expect(rows().some(r => r.getAttribute('data-event-id') === 'live-1')).toBe(
      false,
    );
    api.auditEvents.unshift({
      ...alicePromotion,
      id: 'live-1',
      time: new Date(Date.now() + 60_000).toISOString(),
    });
    act(() => signals.emit('gitops:audit', {}));
    await waitFor(() => expect(rows()).toHaveLength(before + 1));
    expect(rows()[0].getAttribute('data-event-id')).toBe('live-1');
  });

  it('flags a Git commit whose Slipway-Release trailer its release never recorded', async () => {
    const api = new FakeGitopsApi({
      auditEvents: [...auditEvents, forgedCommit],
    });
    await renderAudit(page, { api });
    await screen.findByRole('table', { name: 'Audit events' });
    const forged = rowOf(forgedCommit.id);
    expect(within(forged).getByText('forged-trailer')).toBeInTheDocument();
    await userEvent.hover(within(forged).getByText('forged-trailer'));
    expect(
      await screen.findByText(
        /Claims release rel-123 .* never recorded this commit/,
      ),
    ).toBeInTheDocument();
    // An ordinary commit made outside Slipway carries no flag.
    expect(
      within(rowOf(outsideCommit.id)).queryByText(
        /forged-trailer|unknown-release/,
      ),
    ).toBeNull();
  });

  it('lists events newest first with actor, outcome, commit and release links, and expandable details', async () => {
    const api = new FakeGitopsApi({ auditEvents });
    await renderAudit(page, { api });

    await screen.findByRole('table', { name: 'Audit events' });
    expect(rows().map(r => r.getAttribute('data-event-id'))).toEqual([
      'evt-0003',
      'evt-0002',
      'evt-0001',
    ]);

    const alice = rowOf(alicePromotion.id);
    expect(within(alice).getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
    expect(within(alice).getByText('promotion.create')).toBeInTheDocument();
    expect(within(alice).getByText('succeeded')).toBeInTheDocument();
    expect(
      within(alice).getByRole('link', { name: /^3f9a1c0/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/delivery/commit/3f9a1c0d2e4b6a8c0e2f4a6b8c0d2e4f6a8b0c1d',
    );
    expect(
      within(alice).getByTitle('Release 7f3c2a91-5b0e-4d7a-9c55-2f1e8d6b4a10'),
    ).toHaveAttribute(
      'href',
      '/gitops/releases/7f3c2a91-5b0e-4d7a-9c55-2f1e8d6b4a10',
    );
    expect(within(alice).getByText('api')).toBeInTheDocument();

    expect(within(rowOf(bobDenied.id)).getByText('denied')).toBeInTheDocument();

    // A Git author is no catalog entity, and a local repository has no web page: the short SHA alone.
    const carol = rowOf(outsideCommit.id);
    expect(
      within(carol).getByText('Carol <carol@example.com>'),
    ).toBeInTheDocument();
    expect(within(carol).queryAllByRole('link')).toHaveLength(0);
    expect(within(carol).getByText('a1b2c3d')).toBeInTheDocument();
    expect(within(carol).getByText('git')).toBeInTheDocument();

    await userEvent.click(
      within(rowOf(bobDenied.id)).getByRole('button', { name: 'Show details' }),
    );
    expect(
      await screen.findByLabelText('Details of promotion.create'),
    ).toHaveTextContent('production needs the production-approvers group');
  });

  it('filters by outcome, actor and time range and keeps the filters in the URL', async () => {
    const api = new FakeGitopsApi({ auditEvents });
    const getAuditEvents = jest.spyOn(api, 'getAuditEvents');
    await renderAudit(page, { api });
    await screen.findByRole('table', { name: 'Audit events' });

    await userEvent.selectOptions(screen.getByLabelText('Outcome'), 'denied');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rowOf(bobDenied.id)).toBeInTheDocument();
    expect(location()).toHaveTextContent('outcome=denied');
    expect(getAuditEvents).toHaveBeenLastCalledWith({
      outcome: 'denied',
      limit: 50,
    });

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(location()).toBeEmptyDOMElement();

    await userEvent.type(screen.getByLabelText('Actor'), 'user:default/alice');
    await waitFor(() => expect(rows()).toHaveLength(1), { timeout: 30_000 });
    expect(rowOf(alicePromotion.id)).toBeInTheDocument();
    expect(location()).toHaveTextContent('actor=user%3Adefault%2Falice');

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() => expect(rows()).toHaveLength(3));

    // From is inclusive, to exclusive: 01:00 up to (not including) 03:00 UTC.
    const local = (iso: string) => {
      const d = new Date(iso);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(
        d.getHours(),
      )}:${p(d.getMinutes())}`;
    };
    fireEvent.change(screen.getByLabelText('From'), {
      target: { value: local('2026-11-22T01:00:00Z') },
    });
    fireEvent.change(screen.getByLabelText('To'), {
      target: { value: local('2026-11-22T03:00:00Z') },
    });
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows().map(r => r.getAttribute('data-event-id'))).toEqual([
      'evt-0002',
      'evt-0001',
    ]);
    expect(location()).toHaveTextContent(
      'from=2026-11-22T01%3A00%3A00.000Z&to=2026-11-22T03%3A00%3A00.000Z',
    );
  });

  it('restores filters from a shared link', async () => {
    const api = new FakeGitopsApi({ auditEvents });
    const getAuditEvents = jest.spyOn(api, 'getAuditEvents');
    await renderAudit(page, {
      api,
      initialRoute: '/?product=checkout&environment=staging&outcome=bogus',
    });
    await screen.findByRole('table', { name: 'Audit events' });
    expect(rows().map(r => r.getAttribute('data-event-id'))).toEqual([
      'evt-0001',
    ]);
    expect(getAuditEvents).toHaveBeenCalledWith({
      product: 'checkout',
      environment: 'staging',
      limit: 50,
    });
    expect(screen.getByLabelText('Product')).toHaveValue('checkout');
    expect(screen.getByLabelText('Environment')).toHaveValue('staging');
    expect(screen.getByLabelText('Outcome')).toHaveValue('');
  });

  it('loads older pages as the end of the list scrolls into view', async () => {
    (window as any).IntersectionObserver = FakeIntersectionObserver;
    const api = new FakeGitopsApi({ auditEvents: engineEvents(120) });
    const getAuditEvents = jest.spyOn(api, 'getAuditEvents');
    await renderAudit(page, { api });
    await screen.findByRole('table', { name: 'Audit events' });
    expect(rows()).toHaveLength(50);

    act(() => FakeIntersectionObserver.scrollIntoView());
    await waitFor(() => expect(rows()).toHaveLength(100));
    expect(getAuditEvents).toHaveBeenLastCalledWith({
      limit: 50,
      cursor: 'e-049',
    });

    act(() => FakeIntersectionObserver.scrollIntoView());
    expect(
      await screen.findByText('120 events, the beginning of the log'),
    ).toBeInTheDocument();
    expect(rows()).toHaveLength(120);
    // Newest first, without gaps or repeats across pages.
    expect(rows().map(r => r.getAttribute('data-event-id'))).toEqual(
      engineEvents(120).map(e => e.id),
    );
    expect(getAuditEvents).toHaveBeenCalledTimes(3);
  });

  it('offers a Load more button where the browser cannot observe scrolling, and retries a failed page', async () => {
    const api = new FakeGitopsApi({ auditEvents: engineEvents(60) });
    await renderAudit(page, { api });
    await screen.findByRole('table', { name: 'Audit events' });
    expect(rows()).toHaveLength(50);

    const original = api.getAuditEvents.bind(api);
    jest
      .spyOn(api, 'getAuditEvents')
      .mockRejectedValueOnce(new Error('backend unavailable'))
      .mockImplementation(original);
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load more events: backend unavailable',
    );
    expect(rows()).toHaveLength(50);

    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText('60 events, the beginning of the log'),
    ).toBeInTheDocument();
    expect(rows()).toHaveLength(60);
  });

  it('downloads the filtered log as CSV through the app fetch, named by the server', async () => {
    const api = new FakeGitopsApi({ auditEvents });
    const csv =
      'time,actor,action\n2026-11-22T02:00:00Z,user:default/bob,promotion.create\n';
    const fetch = jest.fn(async () => ({
      ok: true,
      status: 200,
      headers: {
        get: (name: string) =>
          name.toLowerCase() === 'content-disposition'
            ? 'attachment; filename="slipway-audit-2026-11-22.csv"'
            : null,
      },
      blob: async () => new Blob([csv], { type: 'text/csv' }),
    })) as unknown as typeof globalThis.fetch;
    const saved: { name: string; href: string }[] = [];
    const blobs: Blob[] = [];
    (URL as any).createObjectURL = (blob: Blob) => {
      blobs.push(blob);
      return 'blob:audit';
    };
    (URL as any).revokeObjectURL = () => {};
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordDownload(this: HTMLAnchorElement) {
        saved.push({ name: this.download, href: this.href });
      });

    try {
      await renderAudit(page, {
        api,
        fetch,
        initialRoute: '/?outcome=denied&product=payments',
      });
      await screen.findByRole('table', { name: 'Audit events' });
      await userEvent.click(
        screen.getByRole('button', { name: 'Download CSV' }),
      );

      await waitFor(() => expect(saved).toHaveLength(1));
      expect(fetch).toHaveBeenCalledTimes(1);
      const [url, init] = (fetch as jest.Mock).mock.calls[0];
      const requested = new URL(url);
      expect(requested.pathname).toBe('/api/gitops/audit');
      expect(Object.fromEntries(requested.searchParams)).toEqual({
        product: 'payments',
        outcome: 'denied',
        format: 'csv',
      });
      expect(init).toEqual({ headers: { Accept: 'text/csv' } });
      expect(saved[0]).toEqual({
        name: 'slipway-audit-2026-11-22.csv',
        href: 'blob:audit',
      });
      expect(await blobs[0].text()).toBe(csv);
    } finally {
      click.mockRestore();
    }
  });

  it('says when the CSV export is refused', async () => {
    const api = new FakeGitopsApi({ auditEvents });
    const fetch = jest.fn(async () => ({
      ok: false,
      status: 503,
      statusText: 'Service Unavailable',
      headers: { get: () => null },
      text: async () => 'database unavailable',
      url: 'http://localhost:7007/api/gitops/audit?format=csv',
    })) as unknown as typeof globalThis.fetch;
    await renderAudit(page, { api, fetch });
    await screen.findByRole('table', { name: 'Audit events' });
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /CSV download failed: .*503/,
    );
  });
});
