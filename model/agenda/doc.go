// Package agenda writes what the committee publishes: which topics an
// agenda covers (the scope less the ignored), their order, and everything
// said about each, as plain data (Agenda) rendered as CommonMark or JSON,
// byte-identical for the same inputs. It imports model and its packages.
package agenda
