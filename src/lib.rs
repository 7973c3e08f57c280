//! A reader for episode digests: AI-written summaries of podcasts, videos and articles.
//!
//! `model` reads the format, `route` reads the app's URL, `fetch` talks to the network,
//! and the views (`app`, `pages`, `components`) render what the model gives them.

pub mod model;
