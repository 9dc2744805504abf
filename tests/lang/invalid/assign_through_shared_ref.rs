// A `&i32` gives read-only access.
fn set(r: &i32) {
    *r = 5;
}

async fn main() {
    let x = 1;
    set(&x);
}
