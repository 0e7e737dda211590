"""The API's questions, one module per resource, each question a generator of named reads
(`steps.Query`) that the CLI and the API run on their own driver."""
