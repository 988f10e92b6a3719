"""The workforce-management data as GraphQL shows it: what submit forms and results need."""
