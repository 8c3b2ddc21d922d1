/** gRPC status codes Argo CD's API server uses, and the HTTP status grpc-gateway v1 maps each to. */
export const GrpcCode = {
  Unknown: 2,
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Aborted: 10,
  Internal: 13,
  Unavailable: 14,
  Unauthenticated: 16,
} as const;

export type GrpcCodeValue = (typeof GrpcCode)[keyof typeof GrpcCode];

const httpStatusByCode: Record<number, number> = {
  [GrpcCode.Unknown]: 500,
  [GrpcCode.InvalidArgument]: 400,
  [GrpcCode.DeadlineExceeded]: 504,
  [GrpcCode.NotFound]: 404,
  [GrpcCode.AlreadyExists]: 409,
  [GrpcCode.PermissionDenied]: 403,
  [GrpcCode.ResourceExhausted]: 429,
  // grpc-gateway v1 maps FailedPrecondition to 400, not 412.
  [GrpcCode.FailedPrecondition]: 400,
  [GrpcCode.Aborted]: 409,
  [GrpcCode.Internal]: 500,
  [GrpcCode.Unavailable]: 503,
  [GrpcCode.Unauthenticated]: 401,
};

/** The gRPC code a server error of this HTTP status most likely carried (used when a fault picks a status). */
export function grpcCodeForHttpStatus(status: number): number {
  const byStatus: Record<number, number> = {
    400: GrpcCode.InvalidArgument,
    401: GrpcCode.Unauthenticated,
    403: GrpcCode.PermissionDenied,
    404: GrpcCode.NotFound,
    409: GrpcCode.Aborted,
    429: GrpcCode.ResourceExhausted,
    500: GrpcCode.Internal,
    503: GrpcCode.Unavailable,
    504: GrpcCode.DeadlineExceeded,
  };
  return byStatus[status] ?? GrpcCode.Unknown;
}

/** An error the Argo CD API returns as `{"error","code","message"}` (swagger `runtimeError`). */
export class ArgoError extends Error {
  constructor(readonly code: GrpcCodeValue, message: string) {
    super(message);
    this.name = 'ArgoError';
  }

  get httpStatus(): number {
    return httpStatusByCode[this.code] ?? 500;
  }

  toBody(): { error: string; code: number; message: string } {
    return { error: this.message, code: this.code, message: this.message };
  }
}

export const permissionDenied = () =>
  new ArgoError(GrpcCode.PermissionDenied, 'permission denied');

export const appNotFound = (name: string) =>
  new ArgoError(
    GrpcCode.NotFound,
    `applications.argoproj.io "${name}" not found`,
  );

export const invalidArgument = (message: string) =>
  new ArgoError(GrpcCode.InvalidArgument, message);

export const failedPrecondition = (message: string) =>
  new ArgoError(GrpcCode.FailedPrecondition, message);
