// Package thread builds topics from messages: JWZ threading on References
// and In-Reply-To, a subject fallback bounded in time for replies that lost
// their headers, per-topic facts (proposer, dates, participants), topics
// whose first message is missing, and the related-topics pass over the
// bodies. It imports package mail only.
package thread
