/**
 * A self-signed certificate for 127.0.0.1 and localhost, for local stand-ins of providers
 * whose official client speaks only HTTPS (Mollie's). It protects nothing: tests that use it
 * turn certificate checks off for their own process while they run ({@link trustLoopbackTls}).
 */
export const LOOPBACK_TLS = {
  key: `
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgT4GLTvIm9TrnBB+a
7+s0FJQkQvP/AlO3t3saFLQ35o6hRANCAATh54X0k2zQp/x2Xe1RmrKGqkPnI8yf
nRwCQcGcYCVW0CgsOIfOJURtYzQQE18UxEMBPS8BYuQ6ZUwRuG7s7cLr
-----END PRIVATE KEY-----
`,
  cert: `
-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIUVe3mH8cct4RZEkfe2wAxqkrdY4EwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwNjIxMDY0OVoYDzIxMjYxMTEy
MjEwNjQ5WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAATh54X0k2zQp/x2Xe1RmrKGqkPnI8yfnRwCQcGcYCVW0CgsOIfOJURt
YzQQE18UxEMBPS8BYuQ6ZUwRuG7s7cLro28wbTAdBgNVHQ4EFgQU0AuIXaftAj9N
PbWBEDnwM7HaRNAwHwYDVR0jBBgwFoAU0AuIXaftAj9NPbWBEDnwM7HaRNAwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDRwAwRAIgSRHq3uq+F4OnXqa+ALvtwGzWE+/EbaU2t/oamNK2WBgCIBqb
ZTZEtrydMjxoHACZTVtTuFEDYUNNX4R1yvmKwrxB
-----END CERTIFICATE-----
`,
};

/**
 * Lets this process's HTTPS clients accept the self-signed certificate of a local stand-in
 * (a provider's client that brings its own CA list takes no other option); answers the undo.
 */
export function trustLoopbackTls(): () => void {
  const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
  return () => {
    if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before;
  };
}
