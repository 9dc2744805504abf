async fn main() {
    println!("\xZZ");
}
