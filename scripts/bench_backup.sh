# Backup and restore at scale (issue 17), for bench.sh's members_bench: sourced by bench.sh.
# bench_backup KEY: with DATABASE_URL (and, on PostgreSQL, DATABASE_MIGRATION_URL) naming the
# seeded dataset, times `tessera backup` plain and encrypted (TESSERA_BACKUP_KEY) and gives
# their sizes, then times `tessera restore` of the encrypted one into a fresh database of the
# same kind, and checks the restored event logs with `tessera verify-log`. Sets
# FIG[KEY_backup], FIG[KEY_backup_sealed], FIG[KEY_restore].
bench_backup() {
  local key="$1" plain="$BENCH_DIR/$1.tbk" sealed="$BENCH_DIR/$1-sealed.tbk" t0 t1 target
  local backup_key
  backup_key="$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
  _bb_secs() { python3 -c "print(f'{$2 - $1:.1f} s')"; }
  _bb_size() { python3 -c "print(f'{$(stat -c %s "$1") / 1e6:.1f} MB')"; }
  log "$key: backup"
  t0="$(date +%s.%N)"
  ./target/release/tessera backup --out "$plain" >/dev/null 2>&1 || { FIG[${key}_backup]=failed; return 0; }
  t1="$(date +%s.%N)"
  FIG[${key}_backup]="$(_bb_secs "$t0" "$t1"), $(_bb_size "$plain")"
  t0="$(date +%s.%N)"
  TESSERA_BACKUP_KEY="$backup_key" ./target/release/tessera backup --out "$sealed" >/dev/null 2>&1 \
    || { FIG[${key}_backup_sealed]=failed; return 0; }
  t1="$(date +%s.%N)"
  FIG[${key}_backup_sealed]="$(_bb_secs "$t0" "$t1"), $(_bb_size "$sealed")"
  log "$key: restore"
  if [[ "$DATABASE_URL" == sqlite* ]]; then
    target=(env DATABASE_URL="sqlite://$BENCH_DIR/restored-$key.db")
  else
    pg_create_db "tessera_restored_$key"
    target=(env DATABASE_URL="postgres://tessera_app:app-pw@127.0.0.1:$PG_PORT/tessera_restored_$key"
      DATABASE_MIGRATION_URL="postgres://tessera_owner:owner-pw@127.0.0.1:$PG_PORT/tessera_restored_$key")
  fi
  t0="$(date +%s.%N)"
  if "${target[@]}" TESSERA_BACKUP_KEY="$backup_key" ./target/release/tessera restore --from "$sealed" >/dev/null 2>&1; then
    t1="$(date +%s.%N)"
    FIG[${key}_restore]="$(_bb_secs "$t0" "$t1") (encrypted file, into an empty database)"
    "${target[@]}" ./target/release/tessera verify-log >/dev/null 2>&1 || FIG[${key}_restore]+=" but verify-log FAILED"
  else
    FIG[${key}_restore]=failed
  fi
  rm -f "$plain" "$sealed" "$BENCH_DIR/restored-$key.db"*
}
