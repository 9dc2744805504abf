// A `mut` binding may be assigned any number of times.
async fn main() {
    let mut x = 1;
    x = x + 1;
    x += 3;
    println!("{}", x);
}
