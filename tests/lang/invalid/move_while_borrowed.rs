// Moving `s` while `r` still borrows it.
async fn main() {
    let s = String::from("a");
    let r = &s;
    let t = s;
    println!("{} {}", r, t);
}
