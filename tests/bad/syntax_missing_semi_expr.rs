async fn main() {
    println!("one")
    println!("two");
}
