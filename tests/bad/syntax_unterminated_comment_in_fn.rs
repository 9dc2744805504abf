async fn main() {
    println!("a"); /* forgot to close
    println!("b");
}
