import { act, renderHook, waitFor } from '@testing-library/react';
import { useAutoRefresh } from './useAutoRefresh';

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('useAutoRefresh', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    setVisibility('visible');
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('polls while the page is visible, pauses while hidden and reloads when shown again', async () => {
    let calls = 0;
    const load = jest.fn(async () => ++calls);
    const { result } = renderHook(() => useAutoRefresh(load, [], 15_000));
    await waitFor(() => expect(result.current.value).toBe(1));

    await act(async () => {
      jest.advanceTimersByTime(15_000);
    });
    await waitFor(() => expect(result.current.value).toBe(2));

    act(() => setVisibility('hidden'));
    await act(async () => {
      jest.advanceTimersByTime(60_000);
    });
    expect(load).toHaveBeenCalledTimes(2);

    act(() => setVisibility('visible'));
    await waitFor(() => expect(result.current.value).toBe(3));
  });

  it('keeps the last value when a refresh fails and clears the error on the next success', async () => {
    const load = jest
      .fn<Promise<string>, []>()
      .mockResolvedValueOnce('first')
      .mockRejectedValueOnce(new Error('runtime timed out'))
      .mockResolvedValueOnce('third');
    const { result } = renderHook(() => useAutoRefresh(load, [], 1_000));
    await waitFor(() => expect(result.current.value).toBe('first'));

    await act(async () => {
      jest.advanceTimersByTime(1_000);
    });
    await waitFor(() =>
      expect(result.current.error?.message).toBe('runtime timed out'),
    );
    expect(result.current.value).toBe('first');

    await act(async () => {
      jest.advanceTimersByTime(1_000);
    });
    await waitFor(() => expect(result.current.value).toBe('third'));
    expect(result.current.error).toBeUndefined();
  });

  it('skips the poll right after a reload instead of loading twice', async () => {
    const load = jest.fn(async () => 'value');
    const { result } = renderHook(() => useAutoRefresh(load, [], 10_000));
    await waitFor(() => expect(result.current.value).toBe('value'));

    await act(async () => {
      jest.advanceTimersByTime(9_000);
    });
    await act(async () => {
      result.current.retry();
    });
    expect(load).toHaveBeenCalledTimes(2);
    await act(async () => {
      jest.advanceTimersByTime(1_000);
    });
    expect(load).toHaveBeenCalledTimes(2);

    await act(async () => {
      jest.advanceTimersByTime(10_000);
    });
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('drops the answer of a superseded request', async () => {
    const resolvers: Record<string, (v: string) => void> = {};
    const { result, rerender } = renderHook(
      ({ q }: { q: string }) =>
        useAutoRefresh(
          () => new Promise<string>(resolve => (resolvers[q] = resolve)),
          [q],
        ),
      { initialProps: { q: 'pay' } },
    );
    rerender({ q: 'payments' });
    await act(async () => {
      resolvers.payments('payments answer');
    });
    await act(async () => {
      resolvers.pay('stale answer');
    });
    expect(result.current.value).toBe('payments answer');
  });
});
