async fn main() {
    let = 5;
    println!("done");
}
