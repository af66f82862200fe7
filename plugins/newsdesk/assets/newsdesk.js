// newsdesk: progressive enhancement only. Every page is complete without this script.
