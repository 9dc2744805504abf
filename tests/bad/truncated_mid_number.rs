async fn main() {
    let n = 0x