// A String is moved into a function; the caller keeps a clone and uses that afterwards.
fn consume(s: String) -> usize {
    s.len()
}

async fn main() {
    let name = String::from("ferris");
    let copy = name.clone();
    let n = consume(name);
    println!("{} {}", copy, n);
}
