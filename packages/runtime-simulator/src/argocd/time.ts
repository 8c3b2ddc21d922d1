/** RFC 3339 in UTC without fractional seconds, as Kubernetes' metav1.Time marshals. */
export function rfc3339(date: Date | number = Date.now()): string {
  // toISOString is always `YYYY-MM-DDTHH:mm:ss.sssZ` for years 0-9999.
  return `${new Date(date).toISOString().slice(0, 19)}Z`;
}
