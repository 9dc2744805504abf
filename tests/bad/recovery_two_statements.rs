async fn main() {
    let a = 1 +;
    let b = 2;
    let c = * ;
    println!("{}", b);
}
