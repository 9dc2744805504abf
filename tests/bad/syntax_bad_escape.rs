async fn main() {
    println!("tab\q here");
}
