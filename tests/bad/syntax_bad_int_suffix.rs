async fn main() {
    let n = 10u16;
    println!("{}", n);
}
