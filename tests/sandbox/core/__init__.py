"""Provider-independent parts of the sandbox: HTTP server, faults, request log, state store."""
