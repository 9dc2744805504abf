// `x` is not `mut`: it can be assigned once.
async fn main() {
    let x = 5;
    println!("{}", x);
    x = 6;
    println!("{}", x);
}
