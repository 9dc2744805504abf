// Integers, booleans and tuples of them are `Copy`: assignment copies.
async fn main() {
    let a = 5;
    let b = a;
    let t = (1, true);
    let u = t;
    println!("{} {} {} {}", a, b, t.0, u.1);
}
