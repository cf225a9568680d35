-- Runs once in a Dev Services PostgreSQL container before Flyway. The migrations create the
-- runtime role only if it is missing (without a password, for trust or certificate setups);
-- the container uses password authentication, so it is created here with one.
CREATE ROLE copilot_metrics_app LOGIN NOINHERIT PASSWORD 'copilot_metrics_app';
