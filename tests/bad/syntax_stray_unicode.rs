async fn main() {
    let n = 1;
    println!("{}", n); §
    println!("done");
}
