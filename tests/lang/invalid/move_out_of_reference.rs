// Dereferencing a shared reference cannot move the String out of it.
fn take_inner(r: &String) -> String {
    *r
}

async fn main() {
    let s = String::from("x");
    println!("{}", take_inner(&s));
}
