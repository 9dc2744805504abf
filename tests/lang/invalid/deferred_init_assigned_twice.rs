// A `let` without initialiser may be assigned once, not twice.
async fn main() {
    let x: i32;
    x = 1;
    println!("{}", x);
    x = 2;
    println!("{}", x);
}
