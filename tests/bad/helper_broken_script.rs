// Used by scenario_script_file_error.toml (a helper: not itself a case).
async fn main() {
    println!("{}", nowhere);
}
