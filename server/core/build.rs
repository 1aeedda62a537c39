// `sqlx::migrate!` embeds the migration files when this crate compiles; a new file alone
// would not make cargo compile it again. This does (as `sqlx migrate build-script` writes).
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
