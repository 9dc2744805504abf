async fn main() {
    let n = 1 + 2 @ 3;
    println!("{}", n);
}
