async fn main() {
    let n = 99999999999999999999999;
    println!("{}", n);
}
