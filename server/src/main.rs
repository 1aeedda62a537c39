use clap::Parser;

/// mimalloc instead of glibc's allocator: glibc gives every thread that allocates
/// concurrently an arena of its own and keeps what they once held, which under load was
/// most of the server's memory (a 100,000-member register at 8 connections held 155 MiB);
/// limiting it to two arenas cut that but made requests contend for them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = tessera_server::cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("tessera: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(tessera_server::cli::run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tessera: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
