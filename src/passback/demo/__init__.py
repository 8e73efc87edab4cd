"""The demo: sample platform data built from a sandbox fixture, and the end-to-end run that
`passback demo` performs against the built-in sandbox."""
