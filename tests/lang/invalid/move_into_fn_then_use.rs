// Passing a String by value moves it into the function.
fn take(s: String) -> usize {
    s.len()
}

async fn main() {
    let name = String::from("ferris");
    let n = take(name);
    println!("{} {}", n, name.len());
}
