// Installs what the tests need, idempotently and quickly when present.
// (Extended by the VS Code test harness: Debian packages, the VS Code server.)
console.log('setup: nothing to install');
