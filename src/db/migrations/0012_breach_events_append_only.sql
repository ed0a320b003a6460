-- The history of a breach is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks. The
-- breaches row is the current state; breach_events is the record shown to the AP.
CREATE FUNCTION breach_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'breach_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER breach_events_no_update_delete
  BEFORE UPDATE OR DELETE ON breach_events
  FOR EACH ROW EXECUTE FUNCTION breach_events_append_only();--> statement-breakpoint
CREATE TRIGGER breach_events_no_truncate
  BEFORE TRUNCATE ON breach_events
  FOR EACH STATEMENT EXECUTE FUNCTION breach_events_append_only();
