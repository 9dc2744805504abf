// Nothing says what the vector holds.
async fn main() {
    let v = Vec::new();
    println!("{}", v.len());
}
