"""The console's and the API's service layer: plain functions over the store, the SIS and
the sync engine. Routes call these and never touch the database themselves."""
