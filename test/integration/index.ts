// Entry point loaded by VS Code as extensionTestsPath (filled in by the harness).
export async function run(): Promise<void> {}
