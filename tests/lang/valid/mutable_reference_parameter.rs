// A function borrowing the vector mutably, called twice.
fn add_one(v: &mut Vec<i32>) {
    v.push(1);
}

async fn main() {
    let mut v: Vec<i32> = Vec::new();
    add_one(&mut v);
    add_one(&mut v);
    println!("{}", v.len());
}
