// A Box is moved like any owner; the new owner reads through it.
async fn main() {
    let b = Box::new(5);
    let c = b;
    println!("{}", *c + 1);
}
