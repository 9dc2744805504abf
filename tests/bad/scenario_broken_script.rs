// Used by scenario_script_file_error.toml (no .expected: not itself a case).
async fn main() {
    println!("{}", nowhere);
}
