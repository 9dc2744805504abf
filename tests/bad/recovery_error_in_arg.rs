async fn main() {
    let a = undefined_one;
    println!("{}", a + 1);
    let b: bool = a;
    println!("{}", b);
}
