// Vitest runs query modules outside Next; "server-only" is a Next build-time guard with nothing to do here.
export {};
